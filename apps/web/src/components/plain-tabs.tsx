import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { theme } from 'antd';

export interface PlainTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Tabs (WAI-ARIA tabs pattern: tablist, tab, tabpanel; the arrow keys, Home and End move between the
 * tabs and open them), drawn as antd's line tabs. antd Tabs brings rc-tabs, and through its overflow
 * menu rc-menu and rc-dropdown, to the commune form's first screen; these three tabs need none of it.
 * A tab's panel is rendered when first opened and kept (hidden) afterwards, as antd does.
 */
export function PlainTabs({ items, activeKey, onChange, testId }: { items: PlainTab[]; activeKey: string; onChange: (key: string) => void; testId?: string }) {
  const id = useId();
  const { token } = theme.useToken();
  const [visited, setVisited] = useState<Set<string>>(() => new Set([activeKey]));
  if (!visited.has(activeKey)) setVisited(new Set(visited).add(activeKey));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const at = Math.max(0, items.findIndex((i) => i.key === activeKey));

  const onKeyDown = (e: KeyboardEvent) => {
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = (to + items.length) % items.length;
    onChange(items[next].key);
    tabs.current[next]?.focus();
  };

  return (
    <div className="plain-tabs" data-testid={testId} style={{ ['--tabs-active' as string]: token.colorPrimary, ['--tabs-hover' as string]: token.colorPrimaryHover }}>
      <div className="plain-tabs__bar" role="tablist" onKeyDown={onKeyDown}>
        {items.map((item, i) => (
          <button
            key={item.key}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${item.key}`}
            aria-selected={item.key === activeKey}
            aria-controls={`${id}-panel-${item.key}`}
            tabIndex={item.key === activeKey ? 0 : -1}
            className="plain-tabs__tab"
            onClick={() => onChange(item.key)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {items.map((item) =>
        visited.has(item.key) ? (
          <div key={item.key} role="tabpanel" id={`${id}-panel-${item.key}`} aria-labelledby={`${id}-tab-${item.key}`} hidden={item.key !== activeKey} className="plain-tabs__panel">
            {item.children}
          </div>
        ) : null,
      )}
    </div>
  );
}
