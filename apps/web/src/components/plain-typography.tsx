import type { HTMLAttributes, ReactNode } from 'react';

type Tone = 'secondary' | 'success' | 'warning' | 'danger';

interface TextProps extends HTMLAttributes<HTMLElement> {
  type?: Tone;
  strong?: boolean;
  code?: boolean;
  children?: ReactNode;
}

const cls = (base: string, type: Tone | undefined, className: string | undefined) => [base, type && `txt--${type}`, className].filter(Boolean).join(' ');

function Text({ type, strong, code, className, children, ...rest }: TextProps) {
  let inner = children;
  if (code) inner = <code>{inner}</code>;
  if (strong) inner = <strong>{inner}</strong>;
  return (
    <span className={cls('txt', type, className)} {...rest}>
      {inner}
    </span>
  );
}

function Paragraph({ type, strong, className, children, ...rest }: TextProps) {
  return (
    <div className={cls('txt txt--paragraph', type, className)} {...rest}>
      {strong ? <strong>{children}</strong> : children}
    </div>
  );
}

function Title({ level = 1, className, children, ...rest }: HTMLAttributes<HTMLHeadingElement> & { level?: 1 | 2 | 3 | 4 | 5 }) {
  const H = `h${level}` as const;
  return (
    <H className={cls(`txt txt--h${level}`, undefined, className)} {...rest}>
      {children}
    </H>
  );
}

/**
 * The part of antd Typography the commune form and the signed-in shell use (Text with a tone,
 * strong or code; Paragraph; Title), with the same markup and the theme's colours (styles.css).
 * antd Typography brings its ellipsis, copy and edit machinery, with Tooltip, rc-trigger and
 * rc-textarea, to every page that shows a line of text; the admin screens keep using it.
 */
export const Typography = { Text, Paragraph, Title };
