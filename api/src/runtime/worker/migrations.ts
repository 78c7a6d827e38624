// The SQL migrations, bundled into the Worker as text (wrangler's Text rule
// for *.sql). Every file under storage/migrations/ must be listed here; a
// test checks that none is missing.
import type { Migration } from '../../storage/storage.ts';
import conversation0001 from '../../storage/migrations/conversation/0001_init.sql';
import conversation0002 from '../../storage/migrations/conversation/0002_relay_only.sql';
import conversation0003 from '../../storage/migrations/conversation/0003_resume.sql';
import conversation0004 from '../../storage/migrations/conversation/0004_estimated_wait.sql';
import conversation0005 from '../../storage/migrations/conversation/0005_chat.sql';
import conversation0006 from '../../storage/migrations/conversation/0006_callbacks.sql';
import conversation0007 from '../../storage/migrations/conversation/0007_relays.sql';
import conversation0008 from '../../storage/migrations/conversation/0008_hold.sql';
import conversation0009 from '../../storage/migrations/conversation/0009_recordings.sql';
import directory0001 from '../../storage/migrations/directory/0001_init.sql';
import directory0002 from '../../storage/migrations/directory/0002_relay_only.sql';
import directory0003 from '../../storage/migrations/directory/0003_widget_keys.sql';
import directory0004 from '../../storage/migrations/directory/0004_identity_secrets.sql';
import switchboard0001 from '../../storage/migrations/switchboard/0001_init.sql';
import switchboard0002 from '../../storage/migrations/switchboard/0002_contact_quality.sql';
import switchboard0003 from '../../storage/migrations/switchboard/0003_queues.sql';
import switchboard0004 from '../../storage/migrations/switchboard/0004_presence_grace.sql';
import switchboard0005 from '../../storage/migrations/switchboard/0005_wrap_up.sql';
import switchboard0006 from '../../storage/migrations/switchboard/0006_surveys_webhooks.sql';
import switchboard0007 from '../../storage/migrations/switchboard/0007_admin.sql';
import switchboard0008 from '../../storage/migrations/switchboard/0008_hours_callbacks.sql';
import switchboard0009 from '../../storage/migrations/switchboard/0009_chat.sql';
import switchboard0010 from '../../storage/migrations/switchboard/0010_supervisor.sql';
import switchboard0011 from '../../storage/migrations/switchboard/0011_contact_quality_recent.sql';
import switchboard0012 from '../../storage/migrations/switchboard/0012_contact_quality_peer_relay.sql';
import switchboard0013 from '../../storage/migrations/switchboard/0013_contact_quality_video_loss.sql';
import switchboard0014 from '../../storage/migrations/switchboard/0014_refresh_token_families.sql';
import switchboard0015 from '../../storage/migrations/switchboard/0015_contact_retention.sql';
import switchboard0016 from '../../storage/migrations/switchboard/0016_saved_replies.sql';
import switchboard0017 from '../../storage/migrations/switchboard/0017_agent_sessions_since.sql';
import switchboard0018 from '../../storage/migrations/switchboard/0018_hold.sql';
import switchboard0019 from '../../storage/migrations/switchboard/0019_contacts_by_time.sql';
import switchboard0020 from '../../storage/migrations/switchboard/0020_visitor_blocks.sql';
import switchboard0021 from '../../storage/migrations/switchboard/0021_verified_customers.sql';
import switchboard0022 from '../../storage/migrations/switchboard/0022_customer_blocks.sql';
import switchboard0023 from '../../storage/migrations/switchboard/0023_session_blocks.sql';
import switchboard0024 from '../../storage/migrations/switchboard/0024_call_recording.sql';
import switchboard0025 from '../../storage/migrations/switchboard/0025_contacts_by_customer.sql';
import switchboard0026 from '../../storage/migrations/switchboard/0026_wrap_up_reasons.sql';

export const migrations: Record<'directory' | 'switchboard' | 'conversation', Migration[]> = {
  directory: [
    { name: '0001_init.sql', sql: directory0001 },
    { name: '0002_relay_only.sql', sql: directory0002 },
    { name: '0003_widget_keys.sql', sql: directory0003 },
    { name: '0004_identity_secrets.sql', sql: directory0004 },
  ],
  switchboard: [
    { name: '0001_init.sql', sql: switchboard0001 },
    { name: '0002_contact_quality.sql', sql: switchboard0002 },
    { name: '0003_queues.sql', sql: switchboard0003 },
    { name: '0004_presence_grace.sql', sql: switchboard0004 },
    { name: '0005_wrap_up.sql', sql: switchboard0005 },
    { name: '0006_surveys_webhooks.sql', sql: switchboard0006 },
    { name: '0007_admin.sql', sql: switchboard0007 },
    { name: '0008_hours_callbacks.sql', sql: switchboard0008 },
    { name: '0009_chat.sql', sql: switchboard0009 },
    { name: '0010_supervisor.sql', sql: switchboard0010 },
    { name: '0011_contact_quality_recent.sql', sql: switchboard0011 },
    { name: '0012_contact_quality_peer_relay.sql', sql: switchboard0012 },
    { name: '0013_contact_quality_video_loss.sql', sql: switchboard0013 },
    { name: '0014_refresh_token_families.sql', sql: switchboard0014 },
    { name: '0015_contact_retention.sql', sql: switchboard0015 },
    { name: '0016_saved_replies.sql', sql: switchboard0016 },
    { name: '0017_agent_sessions_since.sql', sql: switchboard0017 },
    { name: '0018_hold.sql', sql: switchboard0018 },
    { name: '0019_contacts_by_time.sql', sql: switchboard0019 },
    { name: '0020_visitor_blocks.sql', sql: switchboard0020 },
    { name: '0021_verified_customers.sql', sql: switchboard0021 },
    { name: '0022_customer_blocks.sql', sql: switchboard0022 },
    { name: '0023_session_blocks.sql', sql: switchboard0023 },
    { name: '0024_call_recording.sql', sql: switchboard0024 },
    { name: '0025_contacts_by_customer.sql', sql: switchboard0025 },
    { name: '0026_wrap_up_reasons.sql', sql: switchboard0026 },
  ],
  conversation: [
    { name: '0001_init.sql', sql: conversation0001 },
    { name: '0002_relay_only.sql', sql: conversation0002 },
    { name: '0003_resume.sql', sql: conversation0003 },
    { name: '0004_estimated_wait.sql', sql: conversation0004 },
    { name: '0005_chat.sql', sql: conversation0005 },
    { name: '0006_callbacks.sql', sql: conversation0006 },
    { name: '0007_relays.sql', sql: conversation0007 },
    { name: '0008_hold.sql', sql: conversation0008 },
    { name: '0009_recordings.sql', sql: conversation0009 },
  ],
};
