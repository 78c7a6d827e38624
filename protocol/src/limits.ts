/** Longest email address (RFC 5321). */
export const maxEmailChars = 254;
/** Longest chat message. */
export const maxChatChars = 4000;
/** Most signals (an offer and its candidates) an agent's `accept` may carry. */
export const maxPreparedSignals = 32;
/** Longest address (a page's, a webhook's) the API takes. */
export const maxUrlChars = 2048;

/**
 * Size and time limits shared by every Beckon host and client. The widget
 * imports the few it needs on their own, so that this object stays out of it.
 */
export const limits = {
  /** Largest HTTP request body the API reads. */
  maxBodyBytes: 16 * 1024,
  /** Largest WebSocket text message either side accepts. */
  maxMessageBytes: 64 * 1024,
  /** Largest SDP blob relayed during negotiation. */
  maxSdpChars: 60_000,
  /** Largest ICE candidate line relayed. */
  maxCandidateChars: 1024,
  maxPreparedSignals,
  maxEmailChars,
  maxPasswordChars: 1024,
  /** Shortest password an agent can set. */
  minPasswordChars: 8,
  /** Longest name of an agent, a queue or a widget key. */
  maxNameChars: 100,
  /** Most skills one agent or queue can have. */
  maxSkills: 20,
  /** Most calls one agent can take at once. */
  maxCapacity: 10,
  /** Largest file a participant may send in a call, unless the tenant sets another (100 MiB). */
  defaultMaxFileBytes: 100 * 1024 * 1024,
  maxUrlChars,
  maxIdChars: 64,
  maxTokenChars: 4096,
  /** How long an agent's console rings before the offer goes to someone else. */
  ringTimeoutMs: 30_000,
  /** How long an agent's wrap-up after a call holds back their next offer. */
  wrapUpMs: 30_000,
  /** Longest wrap-up note an agent can save. */
  maxNotesChars: 2000,
  /** How long a participant whose connection dropped may take to come back before they count as gone. */
  reconnectGraceMs: 15_000,
  maxChatChars,
  /** Most chat messages one conversation keeps; later ones are refused. */
  maxChatMessages: 2000,
  /** Visitor sessions one client address may open in any minute, unless the host sets another. */
  visitorSessionsPerMinute: 30,
  /** Conversations (calls, callbacks, messages) one visitor session may start in any 10 minutes. */
  contactsPerVisitorSession: { max: 10, windowMs: 10 * 60_000 },
  /**
   * Searches of the contacts (History by text, a report) one agent may ask for in any minute, unless the host sets
   * another window: each reads all of the tenant's contacts (about a quarter second per 500,000). Reading on at the
   * next page of the agent's last search is not another search.
   */
  searchesPerAgent: { max: 10, windowMs: 60_000 },
  /**
   * Times the agent may put one call on hold in any minute: each hold and its end are kept and update the supervisors'
   * Board. Taking a call off hold is never refused.
   */
  holdsPerCall: { max: 5, windowMs: 60_000 },
  /** Chat messages one participant may send in any 10 seconds. */
  chatMessagesPerParticipant: { max: 20, windowMs: 10_000 },
  /** Most messages kept for one participant until they are back (a reconnect takes them); past it the other side's messages to them are refused. */
  maxWaitingMessages: 10_000,
  /** Most characters of those messages (16 Mi: the most chat a conversation keeps, with room for a call's signals). */
  maxWaitingChars: 16 * 1024 * 1024,
} as const;

/**
 * How big a call's recordings may grow: each part the console sends, and all
 * of one call's together (about 2 hours 45 minutes of Opus at 24 kbit/s; a
 * recording is handed between Durable Objects whole, which takes 32 MiB at most).
 */
export const recordingLimits = {
  maxPartBytes: 512 * 1024,
  maxCallBytes: 30 * 1024 * 1024,
  /** How many recordings one call may have: one for each console that had it with sound (a reload, a transfer, a chat that became a call again). */
  maxPerCall: 100,
  /** How long after the call ended its last parts are still taken: what the console recorded up to the end. */
  lateMs: 60_000,
} as const;
