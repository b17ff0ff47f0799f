import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  ConversationStatus,
  DeliveryStatus,
  IdentityKind,
  Locale,
  MessageDirection,
  Priority,
  Role,
  Sentiment,
  Visibility,
} from "../../shared/enums.ts";
import type { AssignmentMode } from "../../shared/rules.ts";
import type { ApiTokenTable, AuditLogTable, EventTable, SessionTable } from "./schema/auth.ts";
import type { BackofficeTables } from "./schema/backoffice.ts";
import type { CustomerTables } from "./schema/customers.ts";
import type { EmailQuarantineTable, InboundAddressTable } from "./schema/emailInbound.ts";
import type { HelpTables } from "./schema/help.ts";
import type { IdeaTables } from "./schema/ideas.ts";
import type { ListeningTables } from "./schema/listening.ts";
import type {
  DashboardSelectionTable,
  ReportDeliveryTable,
  ReportScheduleTable,
} from "./schema/reportSchedules.ts";
import type { ShopTables } from "./schema/shop.ts";
import type {
  ChannelAcknowledgementTable,
  ConversationAcknowledgementTable,
  PromiseTable,
  SlaClockTable,
  SlaPolicyTable,
  TeamHolidayTable,
} from "./schema/slaPromises.ts";
import type { StoryTable } from "./schema/stories.ts";
import type { ResolutionTable, SurveySettingsTable } from "./schema/surveys.ts";
import type {
  CallbackTable,
  CallTable,
  CannedReplyTable,
  ChatSessionTable,
  NotificationCounterTable,
  NotificationEmailTable,
  NotificationReadTable,
  NotificationSettingTable,
  NotificationTable,
  RuleRunTable,
  RuleTable,
  WeeklyHours,
} from "./schemaFeatures.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** JSON columns with a default, written as JSON text (so arrays are never mistaken for SQL arrays). */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** Generated columns that are read in SQL only (full-text search vectors). */
type SearchVector = ColumnType<string, never, never>;

export interface AccountTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  locale: Generated<Locale>;
  conversation_seq: Generated<number>;
  created_at: Generated<Date>;
  repeat_window_days: Generated<number>;
  repeat_action: Generated<"link" | "reopen">;
  /** The business name customers see; null: `name`. */
  public_name: string | null;
  /** Replying to an unassigned conversation assigns it to the replier. */
  assign_on_reply: Generated<boolean>;
}

export interface UserTable {
  account_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
  time_zone: string | null;
  password_hash: string | null;
  available: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  /** Open app sockets (any server), and when one was last heard: see auth/presence.ts. */
  live_connections: Generated<number>;
  live_seen_at: Timestamp | null;
  /** Appended to the agent's public social replies on channels that sign them. */
  signature: string | null;
}

export interface TeamSkills {
  languages?: string[];
  categories?: string[];
  channelKinds?: string[];
}

export interface TeamTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  skills: JsonDefault<TeamSkills>;
  created_at: Generated<Date>;
  assignment: Generated<AssignmentMode>;
  max_open_per_agent: number | null;
  /** The round-robin cursor: the member who got the team's last automatic assignment. */
  last_assigned_user_id: string | null;
  /** Business hours (callback slots): an IANA zone and the weekly opening intervals. */
  time_zone: string | null;
  business_hours: JsonDefault<WeeklyHours>;
}

export interface TeamMemberTable {
  account_id: string;
  team_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface ChannelTable {
  account_id: string;
  id: Generated<string>;
  kind: string;
  name: string;
  config: JsonDefault<Record<string, unknown>>;
  /** Encrypted JSON of the provider's credentials (see crypto/secrets.ts). */
  secrets: string | null;
  /** Provider-owned progress such as polling cursors. */
  state: JsonDefault<Record<string, unknown>>;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  /** Health: the last message received, the last send error and when. */
  last_received_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  /** Public replies carry their agent's signature. */
  sign_public_replies: Generated<boolean>;
}

export interface ContactTable {
  account_id: string;
  id: Generated<string>;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  time_zone: string | null;
  avatar_url: string | null;
  notes: string | null;
  merged_into_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search: SearchVector;
  /** Blocked: messages stored, no conversation opened, nobody notified. */
  blocked_at: Timestamp | null;
}

export interface IdentityTable {
  account_id: string;
  id: Generated<string>;
  contact_id: string;
  kind: IdentityKind;
  value: string;
  display_name: string | null;
  handle: string | null;
  avatar_url: string | null;
  followers: number | null;
  verified: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ConversationTable {
  account_id: string;
  id: Generated<string>;
  number: number;
  contact_id: string;
  channel_id: string | null;
  subject: string | null;
  status: Generated<ConversationStatus>;
  priority: Generated<Priority>;
  assignee_id: string | null;
  team_id: string | null;
  language: string | null;
  category: string | null;
  category_confidence: number | null;
  sentiment: Sentiment | null;
  sentiment_score: number | null;
  urgency_score: number | null;
  visibility: Generated<Visibility>;
  external_thread_id: string | null;
  labels: Generated<string[]>;
  waiting_since: Timestamp | null;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  snoozed_until: Timestamp | null;
  last_message_at: Generated<Date>;
  last_inbound_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  category_locked: Generated<boolean>;
  priority_locked: Generated<boolean>;
  author_followers: number | null;
  triaged_at: Timestamp | null;
  repeat_of_id: string | null;
  repeat_reason: "same_order" | "similar_text" | null;
  chain_id: string | null;
  /** Nearest due time of a running SLA clock, epoch ms; 1e16 when none (the inbox's sort key). */
  sla_due_key: Generated<number>;
  merged_into_id: string | null;
  /** The subject's search vector, stored so that one index finds subjects (read in SQL only). */
  subject_search: SearchVector;
  /** Marked as spam (or a blocked contact's): closed, out of lists and reports. */
  spam_at: Timestamp | null;
}

export interface TriageCorrectionTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string | null;
  user_id: string | null;
  text: string;
  category: string;
  created_at: Generated<Date>;
}

export interface ConversationReadTable {
  account_id: string;
  conversation_id: string;
  user_id: string;
  read_at: Timestamp;
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** Set when the file lives at the provider rather than in Relais. */
  url?: string;
  /** Why the provider's file could not be kept in Relais (too large, gone): it is not fetched again. */
  unavailable?: "too_large" | "unavailable";
  contentId?: string;
  inline?: boolean;
}

export interface MessageTable {
  account_id: string;
  id: Generated<string>;
  conversation_id: string;
  channel_id: string | null;
  direction: MessageDirection;
  author_user_id: string | null;
  author_contact_id: string | null;
  text: Generated<string>;
  html: string | null;
  attachments: JsonDefault<AttachmentMeta[]>;
  visibility: Generated<Visibility>;
  external_id: string | null;
  in_reply_to_external_id: string | null;
  metadata: JsonDefault<Record<string, unknown>>;
  delivery_status: DeliveryStatus | null;
  delivery_error: string | null;
  delivery_attempts: Generated<number>;
  delivery_job_id: string | null;
  delivery_next_attempt_at: Timestamp | null;
  send_started_at: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  read_at: Timestamp | null;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  search: SearchVector;
  identity_id: string | null;
}

export interface AttachmentTable {
  account_id: string;
  id: Generated<string>;
  message_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  content_id: string | null;
  content: Uint8Array;
  /** The agent who uploaded it (attached to a reply); null for files that came in. */
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export type { ApiTokenTable, AuditLogTable, EventTable, SessionTable };

export interface DB
  extends BackofficeTables,
    ShopTables,
    CustomerTables,
    IdeaTables,
    HelpTables,
    ListeningTables {
  accounts: AccountTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  channels: ChannelTable;
  contacts: ContactTable;
  identities: IdentityTable;
  conversations: ConversationTable;
  conversation_reads: ConversationReadTable;
  messages: MessageTable;
  attachments: AttachmentTable;
  events: EventTable;
  audit_log: AuditLogTable;
  triage_corrections: TriageCorrectionTable;
  rules: RuleTable;
  canned_replies: CannedReplyTable;
  rule_runs: RuleRunTable;
  chat_sessions: ChatSessionTable;
  callbacks: CallbackTable;
  calls: CallTable;
  notification_reads: NotificationReadTable;
  notifications: NotificationTable;
  notification_counters: NotificationCounterTable;
  notification_settings: NotificationSettingTable;
  notification_emails: NotificationEmailTable;
  inbound_addresses: InboundAddressTable;
  email_quarantine: EmailQuarantineTable;
  survey_settings: SurveySettingsTable;
  resolutions: ResolutionTable;
  sla_policies: SlaPolicyTable;
  team_holidays: TeamHolidayTable;
  sla_clocks: SlaClockTable;
  promises: PromiseTable;
  report_schedules: ReportScheduleTable;
  report_deliveries: ReportDeliveryTable;
  dashboard_selections: DashboardSelectionTable;
  channel_acknowledgements: ChannelAcknowledgementTable;
  conversation_acknowledgements: ConversationAcknowledgementTable;
  demo_records: DemoRecordTable;
  labels: LabelTable;
  stories: StoryTable;
}

/** One thing demo data created, so that deleting the demo removes exactly that. */
export interface DemoRecordTable {
  account_id: string;
  table_name: DemoRecordTableName;
  record_id: string;
  created_at: Generated<Date>;
}
export type DemoRecordTableName =
  | "channels"
  | "users"
  | "teams"
  | "rules"
  | "canned_replies"
  | "contacts"
  | "conversations";

export type Account = Selectable<AccountTable>;
export type User = Selectable<UserTable>;
export type Team = Selectable<TeamTable>;
export type Channel = Selectable<ChannelTable>;
export type Contact = Selectable<ContactTable>;
export type Identity = Selectable<IdentityTable>;
export type Conversation = Selectable<ConversationTable>;
export type Message = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
export type ConversationUpdate = Updateable<ConversationTable>;
export type Rule = Selectable<RuleTable>;
export type CannedReply = Selectable<CannedReplyTable>;
export type ChatSession = Selectable<ChatSessionTable>;
export type Callback = Selectable<CallbackTable>;
export type Call = Selectable<CallTable>;

export type { CallbackStatus, WeeklyHours } from "./schemaFeatures.ts";

export interface LabelTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  colour: string;
  description: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type Label = Selectable<LabelTable>;
