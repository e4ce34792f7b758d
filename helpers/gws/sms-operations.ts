import type { GwsReply } from './session';
import type { GwsUser } from './user';

/**
 * The SMS Session API operations a user sends on its own sessions:
 * POST /api/v2/me/smssessions/{id} with an operationName (gws-sms.md §1, §2).
 */
export class SmsOperations {
  constructor(private readonly user: GwsUser) {}

  /** Any operation, as documented or not, for the error-model checks. */
  send(id: string, body: Record<string, unknown>): Promise<GwsReply> {
    const name = typeof body.operationName === 'string' ? body.operationName : '(no operationName)';
    return this.user.operation(`${name} smssession ${id}`, `/me/smssessions/${encodeURIComponent(id)}`, body);
  }

  accept(id: string, options: { nickname: string; saveLAR?: boolean }): Promise<GwsReply> {
    return this.send(id, { operationName: 'Accept', ...options });
  }

  reject(id: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'Reject' });
  }

  complete(id: string, options: { queueName?: string; saveLAR?: boolean } = {}): Promise<GwsReply> {
    return this.send(id, { operationName: 'Complete', ...options });
  }

  leave(id: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'Leave' });
  }

  sendMessage(id: string, text: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'SendMessage', text });
  }

  /** Ends the user's part in a session the way its role allows: agents Complete. */
  finish(id: string): Promise<GwsReply> {
    return this.complete(id);
  }

  list(): Promise<GwsReply> {
    return this.user.operation('GET smssessions', '/me/smssessions?fields=*', undefined, 'GET');
  }
}
