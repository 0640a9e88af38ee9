import { useId, type ReactNode } from 'react';

/**
 * A short explanation shown on pointing at (or focusing into) what it explains, drawn as antd's
 * Tooltip; the text is the element's description for screen readers (aria-describedby). antd Tooltip
 * would bring rc-trigger to the form's first screen for three column headers.
 */
export function Hint({ text, children }: { text: string; children: ReactNode }) {
  const id = useId();
  return (
    <span className="hint" aria-describedby={id}>
      {children}
      <span role="tooltip" id={id} className="hint__bubble">
        {text}
      </span>
    </span>
  );
}
