import { useStore } from '@beckon/ui';
import { limits, roles, type AdminAgent, type Role } from '@beckon/protocol';
import { useState } from 'preact/hooks';
import { formatStart, skillList } from '../format.ts';
import { $session } from '../stores/session.ts';
import { $oneTimeLink, $team, $teamAction, changeAgent, dismissOneTimeLink, inviteAgent, loadTeam, removeAgent, resetAgent, type OneTimeLink } from '../stores/team.ts';
import { ActionLine } from './ActionLine.tsx';
import { AdminTable } from './AdminTable.tsx';
import { CopyField } from './CopyField.tsx';
import { useOpenedForm } from './use-opened-form.ts';
import { FormActions } from './FormActions.tsx';
import { ListPage } from './ListPage.tsx';
import { useRowFocus } from './use-row-focus.ts';

const roleLabels: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };

/**
 * The team: agents with role, skills and capacity; invite, change, reset and remove.
 * @example <AdminTeam />
 */
export function AdminTeam() {
  const list = useStore($team);
  const action = useStore($teamAction);
  const link = useStore($oneTimeLink);
  const me = useStore($session)?.agent.id;
  const [editing, setEditing] = useState<AdminAgent | null>(null);
  const fromRow = useRowFocus(list.items);
  return (
    <ListPage id="team" title="Team" list={list} onRefresh={loadTeam} empty="No agents yet.">
      <ActionLine state={action} />
      {link && <OneTimeLinkPanel link={link} />}
      <AdminTable columns={['Name', 'Email', 'Role', 'Skills', 'Capacity', 'Sign-in']}>
        {list.items.map((agent) => (
          <tr key={agent.id}>
            <td>{agent.name}</td>
            <td>{agent.email}</td>
            <td>{roleLabels[agent.role]}</td>
            <td>{agent.skills.join(', ') || '—'}</td>
            <td>{agent.capacity}</td>
            <td>{agent.state === 'invited' ? 'Link sent, no password yet' : 'Active'}</td>
            <td class="row-actions">
              <button type="button" aria-label={`Edit ${agent.name}`} onClick={() => setEditing(agent)}>
                Edit
              </button>
              <button
                type="button"
                aria-label={`Reset password of ${agent.name}`}
                onClick={() => confirm(`Reset the password of ${agent.name}? Their password stops working, and they set a new one from the link you get.`) && void resetAgent(agent)}
              >
                Reset password
              </button>
              {agent.id !== me && (
                <button
                  type="button"
                  class="danger"
                  aria-label={`Remove ${agent.name}`}
                  onClick={(event) => confirm(`Remove ${agent.name} from the team? History keeps their name.`) && fromRow(event.currentTarget, () => removeAgent(agent))}
                >
                  Remove
                </button>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
      {editing && <AgentEditor key={editing.id} agent={editing} onDone={() => setEditing(null)} />}
      <InviteForm />
    </ListPage>
  );
}

function OneTimeLinkPanel({ link }: { link: OneTimeLink }) {
  return (
    <div class="one-time" role="group" aria-labelledby="one-time-title">
      <h3 id="one-time-title">{link.why === 'invite' ? `Invite link for ${link.agentName}` : `New sign-in link for ${link.agentName}`}</h3>
      <p>Send this link to them now: it is shown only once, works once, and expires {formatStart(link.expiresAt)}.</p>
      <CopyField id="one-time-url" label="Link" value={link.url} />
      {/* The panel goes with the button: the keyboard goes on from the section's heading, not the top of the page. */}
      <button type="button" onClick={() => (dismissOneTimeLink(), document.getElementById('team-title')?.focus())}>
        Done
      </button>
    </div>
  );
}

/** What an agent does, as the forms hold it: role, skills as typed, capacity as typed. */
interface Work { role: Role; skills: string; capacity: string }

function workOf(work: Work) {
  return { role: work.role, skills: skillList(work.skills), capacity: Number(work.capacity) };
}

function WorkFields({ prefix, work, onChange }: { prefix: string; work: Work; onChange(work: Work): void }) {
  return (
    <>
      <label for={`${prefix}-role`}>Role</label>
      <select id={`${prefix}-role`} value={work.role} onChange={(e) => onChange({ ...work, role: e.currentTarget.value as Role })}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {roleLabels[role]}
          </option>
        ))}
      </select>
      <label for={`${prefix}-skills`}>Skills (comma-separated)</label>
      <input id={`${prefix}-skills`} value={work.skills} onInput={(e) => onChange({ ...work, skills: e.currentTarget.value })} />
      <label for={`${prefix}-capacity`}>Calls at once</label>
      <input
        id={`${prefix}-capacity`}
        type="number"
        min={1}
        max={limits.maxCapacity}
        required
        value={work.capacity}
        onInput={(e) => onChange({ ...work, capacity: e.currentTarget.value })}
      />
    </>
  );
}

function AgentEditor({ agent, onDone }: { agent: AdminAgent; onDone(): void }) {
  const [work, setWork] = useState<Work>({ role: agent.role, skills: agent.skills.join(', '), capacity: String(agent.capacity) });
  const form = useOpenedForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await changeAgent(agent, workOf(work))) onDone();
  };
  return (
    <form ref={form} class="admin-form" aria-label={`Edit ${agent.name}`} onSubmit={submit}>
      <h3>Edit {agent.name}</h3>
      <WorkFields prefix="edit" work={work} onChange={setWork} />
      <FormActions submit="Save" onCancel={onDone} />
    </form>
  );
}

function InviteForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [work, setWork] = useState<Work>({ role: 'agent', skills: '', capacity: '1' });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!(await inviteAgent({ name, email, ...workOf(work) }))) return;
    setName('');
    setEmail('');
    setWork({ ...work, skills: '' });
  };
  return (
    <form class="admin-form" aria-label="Invite an agent" onSubmit={submit}>
      <h3>Invite an agent</h3>
      <label for="invite-name">Name</label>
      <input id="invite-name" required maxLength={limits.maxNameChars} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="invite-email">Email</label>
      <input id="invite-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <WorkFields prefix="invite" work={work} onChange={setWork} />
      <div class="actions">
        <button type="submit">Invite</button>
      </div>
    </form>
  );
}
