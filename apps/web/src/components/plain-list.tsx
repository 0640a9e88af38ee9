import type { Key, ReactNode } from 'react';

/**
 * A list of rows with actions on the right, in antd List's small look. antd's List pulls in its
 * Pagination and Spin (~9 KB brotli) that these lists never use, on the commune form's first screen.
 */
export function PlainList<T>({
  items,
  rowKey,
  render,
  actions,
  header,
  testId,
}: {
  items: T[];
  rowKey: (item: T, index: number) => Key;
  render: (item: T) => ReactNode;
  actions?: (item: T) => ReactNode;
  header?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="plain-list" data-testid={testId}>
      {header && <div className="plain-list__header">{header}</div>}
      <ul>
        {items.map((item, i) => {
          const action = actions?.(item);
          return (
            <li key={rowKey(item, i)} className="plain-list__item">
              <div className="plain-list__content">{render(item)}</div>
              {action && <div className="plain-list__actions">{action}</div>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
