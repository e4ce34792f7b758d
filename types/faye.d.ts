/** The part of faye's client API the harness uses (faye ships no types). */
declare module 'faye' {
  interface Thenable {
    then(onFulfilled: () => void, onRejected?: (error: { message?: string }) => void): unknown;
  }
  interface Extension {
    incoming?(message: unknown, callback: (message: unknown) => void): void;
    outgoing?(message: unknown, callback: (message: unknown) => void): void;
  }
  export class Client {
    constructor(
      endpoint: string,
      options?: { timeout?: number; retry?: number; interval?: number; tls?: Record<string, unknown> },
    );
    disable(feature: string): void;
    setHeader(name: string, value: string): void;
    addExtension(extension: Extension): void;
    subscribe(channel: string, callback: (data: unknown) => void): Thenable & { cancel(): void };
    publish(channel: string, data: unknown): Thenable;
    on(event: 'transport:up' | 'transport:down', callback: () => void): void;
    disconnect(): Thenable | undefined;
  }
  export class NodeAdapter {
    constructor(options: { mount: string; timeout?: number; ping?: number });
    attach(server: import('node:http').Server): void;
    getClient(): Client;
    addExtension(extension: Extension): void;
    on(event: string, callback: (...args: unknown[]) => void): void;
    close(): void;
  }
  const Faye: { Client: typeof Client; NodeAdapter: typeof NodeAdapter; logger?: unknown };
  export default Faye;
}
