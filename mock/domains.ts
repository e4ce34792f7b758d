import { SmsDomain } from './sms/domain';
import { SmsMonitoring } from './sms/monitoring';
import type { MockState } from './state';
import { VoiceDomain } from './voice/calls';
import { MonitoringDomain } from './voice/monitoring';

/**
 * The mock's API areas, each owning its state: SMS sessions and the supervisors armed on agents
 * (mock/sms/), voice calls and device monitorings (mock/voice/). They share the users, logins and
 * notification delivery of MockState.
 */
export interface Domains {
  sms: SmsDomain;
  smsMonitoring: SmsMonitoring;
  voice: VoiceDomain;
  voiceMonitoring: MonitoringDomain;
}

export function createDomains(state: MockState): Domains {
  const sms = new SmsDomain(state);
  const voice = new VoiceDomain(state);
  return { sms, smsMonitoring: new SmsMonitoring(sms), voice, voiceMonitoring: new MonitoringDomain(state, voice) };
}
