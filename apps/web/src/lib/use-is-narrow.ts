import { Grid } from 'antd';

/** Phone-width window: forms stack their columns and tables scroll. */
export function useIsNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}
