/**
 * A runtime Port as a comlink Endpoint, so comlink can run over extension messaging
 * (background ↔ offscreen document). Ports carry JSON, which is all the analysis API sends.
 */
import type { Endpoint } from 'comlink';

export interface MessagePortLike {
  postMessage(message: unknown): void;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

export function portEndpoint(port: MessagePortLike): Endpoint {
  const wrapped = new Map<EventListenerOrEventListenerObject, (message: unknown) => void>();
  return {
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, forward);
      port.onMessage.addListener(forward);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = wrapped.get(listener);
      if (!forward) return;
      port.onMessage.removeListener(forward);
      wrapped.delete(listener);
    },
  };
}
