import type { InputHTMLAttributes, ReactNode } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & { status?: 'error' | 'warning'; size?: 'small'; suffix?: ReactNode };

/**
 * A text input drawn as antd's Input (size, status borders, a suffix such as "%"), with the app's
 * focus ring (blue, apart from the red of an error). antd Input brings rc-input, rc-textarea and a
 * resize-observer polyfill to the commune form's first screen, where a plain input does the same.
 */
export function PlainInput({ status, size, suffix, className, ...rest }: Props) {
  const cls = ['plain-input', size && `plain-input--${size}`, status && `plain-input--${status}`, suffix != null && 'plain-input--suffixed', className].filter(Boolean).join(' ');
  const input = <input type="text" className={cls} aria-invalid={status === 'error' || undefined} {...rest} />;
  if (suffix == null) return input;
  return (
    <span className="plain-input-wrap">
      {input}
      <span className="plain-input-wrap__suffix" aria-hidden>
        {suffix}
      </span>
    </span>
  );
}
