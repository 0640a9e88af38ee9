import { useEffect } from 'react';
import { message, Modal } from 'antd';
import type { FeedbackApi } from './feedback';

/** antd's message and modal hooks, loaded on the first toast or confirmation (see feedback.tsx). */
export function FeedbackHost({ onReady }: { onReady: (api: FeedbackApi) => void }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => onReady({ message: messageApi, modal: modalApi }), [messageApi, modalApi, onReady]);
  return (
    <>
      {modalHolder}
      {messageHolder}
    </>
  );
}
