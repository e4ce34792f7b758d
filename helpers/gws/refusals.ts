import type { Expectation } from '../cometd/expectation';
import { expect } from '../matchers';
import type { GwsReply } from './session';

/**
 * A request the server must not carry out is refused on either of the documented error paths
 * (ErrorHandling): at once, in the error shape (statusCode > 0 and a statusMessage only), or
 * accepted with statusCode 0 and refused by an asynchronous ErrorMessage, which `later` (armed
 * before the request) awaits.
 */
export async function refusedNowOrLater(reply: GwsReply, later: Expectation, code?: RefusalCode): Promise<void> {
  if (!reply.isJson || reply.statusCode !== 0) {
    expect(reply).toBeRefused(code?.statusCode, code?.inferred === undefined ? {} : { inferred: code.inferred });
    return;
  }
  await later;
}

/** The statusCode a refusal should carry, and the reading it rests on where no page states it. */
export interface RefusalCode {
  statusCode?: number;
  inferred?: string;
}
