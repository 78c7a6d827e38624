import type { Customer } from '@beckon/protocol';

/**
 * Who the host site verified the visitor as (signed with the tenant's
 * identity secret), marked so: their name, email and id in its system.
 * Nothing for an anonymous visitor, whose name is whatever they typed.
 * @example <VerifiedCustomer customer={contact.customer} />
 */
export function VerifiedCustomer({ customer }: { customer: Customer | null | undefined }) {
  if (!customer) return null;
  return (
    <p class="verified-customer">
      <span class="verified-mark">Verified customer</span> {[customer.name, customer.email, `ID ${customer.id}`].filter(Boolean).join(' · ')}
    </p>
  );
}
