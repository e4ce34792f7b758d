/**
 * Capability lists the documentation prints, by situation (gws-sms.md §4). Canonical names are
 * used; helpers/errata.ts maps each to every spelling the pages print (InFocus/SetInFocus...).
 */
export const DOCUMENTED_CAPABILITIES = {
  /**
   * Agent in Chatting: the entries common to the list printed after Accept (SMSAccept) and the
   * longer one of the user-data pages (SMSAttachUserData): a server may offer more.
   */
  smsAgentChatting: ['Transfer', 'Complete', 'Leave', 'SetInFocus', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification'],
} as const;
