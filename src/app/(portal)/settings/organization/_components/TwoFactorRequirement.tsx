import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Card } from '@/components/ui/card'
import { membersWithSecondFactor } from '@/data/twoFactorRequirement'
import { relationId } from '@/lib/relationId'
import type { Organization, User } from '@/payload-types'

import { twoFactorRequirementAction } from '../actions'

/** For an organization's managers: require 2FA of members, and who has it. */
export async function TwoFactorRequirement({ organization }: { organization: Organization }) {
  const members = organization.members.map((member) => ({
    id: Number(relationId(member.user)),
    name: typeof member.user === 'object' ? (member.user as User).name : `#${member.user}`,
  }))
  const withTwoFactor = await membersWithSecondFactor(members.map((member) => member.id))
  const missing = members.filter((member) => !withTwoFactor.has(member.id))
  return (
    <Card aria-labelledby="two-factor-requirement-heading" className="space-y-4">
      <h2 id="two-factor-requirement-heading" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      <p className="text-sm text-muted-foreground">
        When required, members without two-factor authentication see a banner and cannot use the
        organization’s API keys until they turn it on. You need it yourself to require it.
      </p>
      <p className="text-sm" data-testid="two-factor-coverage">
        {missing.length === 0
          ? 'Every member has two-factor authentication.'
          : `${members.length - missing.length} of ${members.length} members have it. Without it: ${missing.map((member) => member.name).join(', ')}.`}
      </p>
      <ActionForm
        action={twoFactorRequirementAction}
        submitLabel="Save requirement"
        aria-label="Two-factor requirement"
      >
        <Hidden name="organization" value={String(organization.id)} />
        <Field
          name="requireTwoFactor"
          label="Two-factor authentication for members"
          defaultValue={organization.requireTwoFactor ? 'on' : 'off'}
          options={[
            { label: 'Required', value: 'on' },
            { label: 'Optional', value: 'off' },
          ]}
        />
      </ActionForm>
    </Card>
  )
}
