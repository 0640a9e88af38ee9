import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from 'antd';

export interface MenuButtonItem {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
  testId?: string;
}

/**
 * A button that opens a short menu of actions (WAI-ARIA menu button): the arrow keys move between
 * the items, Escape closes and gives focus back to the button, a click outside closes. In place of
 * antd Dropdown, whose rc-menu and rc-trigger the signed-in shell would otherwise load on every page.
 */
export function MenuButton({ icon, button, header, items, onSelect, testId, ariaLabel }: { icon?: ReactNode; button: ReactNode; header?: ReactNode; items: MenuButtonItem[]; onSelect: (key: string) => void; testId?: string; ariaLabel: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = itemRefs.current.findIndex((el) => el === document.activeElement);
    const move = (to: number) => {
      e.preventDefault();
      itemRefs.current[(to + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div className="menu-button" ref={root} onKeyDown={open ? onKeyDown : undefined}>
      <Button
        ref={trigger}
        size="small"
        icon={icon}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (!open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {button}
      </Button>
      {open && (
        <div className="menu-button__popup" role="menu" id={id} aria-label={ariaLabel}>
          {header && (
            <>
              <div className="menu-button__header" role="presentation">
                {header}
              </div>
              <div className="menu-button__divider" role="separator" />
            </>
          )}
          {items.map((item, i) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-button__item"
              data-testid={item.testId}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              onClick={() => {
                close(true);
                onSelect(item.key);
              }}
            >
              {item.icon}
              <span>{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
