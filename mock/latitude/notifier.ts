import { interactionId } from '../state';
import type { Deliver, Latitude } from './index';

/**
 * The notification path under latitude: every notification reshaped and scheduled (delay), and
 * (switch `interleave`) unrelated notifications in between: a ParticipantsUpdated repeated as it
 * was, the user's latest channel or device state re-announced unchanged, and the end of another
 * SMS session of the user's, one the harness never created.
 */

const RE_ANNOUNCED = new Set(['/v2/me/channels', '/v2/me/devices']);
const SMS_TOPIC = '/v2/me/smssessions';

export function latitudeNotifier(latitude: Latitude, deliver: Deliver, baseUrl: () => string): Deliver {
  const latest = new Map<string, [string, Record<string, unknown>]>();
  const counts = new Map<string, number>();
  const send = (userId: string, channel: string, data: Record<string, unknown>) =>
    latitude.schedule(deliver, userId, channel, latitude.reshape(data, 'notification'));

  return (userId, channel, data) => {
    send(userId, channel, data);
    if (!latitude.has('interleave')) return;
    if (RE_ANNOUNCED.has(channel)) latest.set(userId, [channel, data]);
    if (data.notificationType === 'ParticipantsUpdated') send(userId, channel, data);
    const count = (counts.get(userId) ?? 0) + 1;
    counts.set(userId, count);
    const announced = latest.get(userId);
    if (count % 2 === 1 && announced) send(userId, announced[0], announced[1]);
    if (count % 3 === 1) {
      const id = interactionId();
      send(userId, SMS_TOPIC, {
        messageType: 'SMSsessionStateChangeMessage',
        notificationType: 'StatusChange',
        smssession: { participants: [], state: 'Completed', id, uri: `${baseUrl()}/api/v2/smssessions/${id}` },
      });
    }
  };
}
