import { Popover, type PopoverProps } from 'antd';

/** antd Popover, loaded when an outlier mark is first pointed at or focused (see OutlierMark). */
export function OutlierPopover(props: PopoverProps) {
  return <Popover {...props} />;
}
