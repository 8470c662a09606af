import { createLocalReq } from 'payload'
import { describe, expect, it } from 'vitest'

import { leaveOrganization } from '@collections/Organizations/leave'
import { hasRole } from '@/access/roles'
import type { User } from '@/payload-types'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

describe('hasRole', () => {
  it('ranks member < moderator < staff < admin', () => {
    expect(hasRole({ roles: ['staff'] }, 'moderator')).toBe(true)
    expect(hasRole({ roles: ['moderator'] }, 'staff')).toBe(false)
    expect(hasRole({ roles: ['member'] }, 'member')).toBe(true)
    expect(hasRole(null, 'member')).toBe(false)
    expect(hasRole({ roles: ['member', 'admin'] }, 'staff')).toBe(true)
  })
})

describe('users access through the Local API', () => {
  it('hides another user’s email, plan and roles from a member', async () => {
    const payload = await testPayload()
    const [viewer, other] = [await makeUser(), await makeUser()]
    const seen = await payload.findByID({
      collection: 'users',
      id: other.id,
      overrideAccess: false,
      user: asUser(viewer),
    })
    expect(seen.username).toBe(other.username)
    expect(seen.email).toBeUndefined()
    expect(seen.plan).toBeUndefined()
    expect(seen.roles).toBeUndefined()
    const self = await payload.findByID({
      collection: 'users',
      id: viewer.id,
      overrideAccess: false,
      user: asUser(viewer),
    })
    expect(self.email).toBe(viewer.email)
  })

  it('hides every email from anonymous readers', async () => {
    const payload = await testPayload()
    await makeUser()
    const { docs } = await payload.find({ collection: 'users', overrideAccess: false, limit: 50 })
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.every((doc) => doc.email === undefined)).toBe(true)
  })

  it('never lets public sign-up set roles, plan or verification', async () => {
    const payload = await testPayload()
    const username = unique('signup').toLowerCase()
    const created = await payload.create({
      collection: 'users',
      data: {
        email: `${username}@example.test`,
        username,
        name: 'Sneaky',
        password: 'correct-horse-battery',
        roles: ['admin'],
        plan: 'enterprise',
        _verified: true,
      },
      overrideAccess: false,
    })
    const stored = await payload.findByID({
      collection: 'users',
      id: created.id,
      overrideAccess: true,
      showHiddenFields: true,
    })
    expect(stored.roles).toEqual(['member'])
    expect(stored.plan).toBe('free')
    expect(stored._verified).toBe(false)
  })

  it('lets a member edit their own profile but not their plan or someone else', async () => {
    const payload = await testPayload()
    const [member, other] = [await makeUser(), await makeUser()]
    const updated = await payload.update({
      collection: 'users',
      id: member.id,
      data: { bio: 'Beat maker', plan: 'pro', roles: ['admin'] },
      overrideAccess: false,
      user: asUser(member),
    })
    expect(updated.bio).toBe('Beat maker')
    const stored = await payload.findByID({
      collection: 'users',
      id: member.id,
      overrideAccess: true,
    })
    expect(stored.plan).toBe('free')
    expect(stored.roles).toEqual(['member'])
    await expect(
      payload.update({
        collection: 'users',
        id: other.id,
        data: { bio: 'hacked' },
        overrideAccess: false,
        user: asUser(member),
      }),
    ).rejects.toThrow(/not allowed|Not Found/i)
  })

  it('lets staff change plans and grant moderator, but not admin', async () => {
    const payload = await testPayload()
    const [staff, member] = [await makeUser(['staff']), await makeUser()]
    const updated = await payload.update({
      collection: 'users',
      id: member.id,
      data: { plan: 'pro', roles: ['moderator'] },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(updated.plan).toBe('pro')
    expect(updated.roles).toEqual(['moderator'])
    expect(
      await rejection(
        payload.update({
          collection: 'users',
          id: member.id,
          data: { roles: ['admin'] },
          overrideAccess: false,
          user: asUser(staff),
        }),
      ),
    ).toBe('roles: Only an admin can grant or remove the staff and admin roles.')
  })

  it('keeps staff away from admins’ accounts while admins manage all', async () => {
    const payload = await testPayload()
    const [staff, admin, otherAdmin] = [
      await makeUser(['staff']),
      await makeUser(['admin']),
      await makeUser(['admin']),
    ]
    await expect(
      payload.update({
        collection: 'users',
        id: admin.id,
        data: { bio: 'x' },
        overrideAccess: false,
        user: asUser(staff),
      }),
    ).rejects.toThrow()
    const updated = await payload.update({
      collection: 'users',
      id: otherAdmin.id,
      data: { roles: ['staff'] },
      overrideAccess: false,
      user: asUser(admin),
    })
    expect(updated.roles).toEqual(['staff'])
  })

  it('keeps staff away from an admin who also holds another role', async () => {
    const payload = await testPayload()
    const [staff, admin, otherStaff, member] = [
      await makeUser(['staff']),
      await makeUser(['admin', 'member']),
      await makeUser(['staff', 'member']),
      await makeUser(),
    ]
    for (const target of [admin, otherStaff]) {
      await expect(
        payload.update({
          collection: 'users',
          id: target.id,
          data: { email: `${unique('taken')}@example.test`, password: 'new-password-123' },
          overrideAccess: false,
          user: asUser(staff),
        }),
      ).rejects.toThrow()
    }
    const edited = await payload.update({
      collection: 'users',
      id: member.id,
      data: { bio: 'edited by staff' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(edited.bio).toBe('edited by staff')
  })

  it('gives the admin panel to moderators and above only', async () => {
    const payload = await testPayload()
    const adminAccess = payload.collections.users.config.access.admin!
    const reqFor = (user: unknown) => ({ req: { user } }) as never
    expect(await adminAccess(reqFor(asUser(await makeUser())))).toBe(false)
    expect(await adminAccess(reqFor(asUser(await makeUser(['moderator']))))).toBe(true)
    expect(await adminAccess(reqFor(null))).toBe(false)
  })
})

describe('organizations access', () => {
  async function orgWith(members: { user: number; role: 'owner' | 'admin' | 'member' }[]) {
    const payload = await testPayload()
    return payload.create({
      collection: 'organizations',
      data: { name: 'Org', slug: unique('org').toLowerCase(), members },
      overrideAccess: true,
    })
  }

  it('makes the creator the owner and keeps the plan out of members’ hands', async () => {
    const payload = await testPayload()
    const creator = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Mine', slug: unique('mine').toLowerCase(), plan: 'enterprise', members: [] },
      overrideAccess: false,
      user: asUser(creator),
    })
    expect(org.members).toHaveLength(1)
    expect(org.members[0]).toMatchObject({ role: 'owner' })
    expect(
      Number(
        typeof org.members[0].user === 'object' ? org.members[0].user.id : org.members[0].user,
      ),
    ).toBe(creator.id)
    expect(org.plan).toBe('free')
  })

  it('lets members read but only owners and admins edit', async () => {
    const payload = await testPayload()
    const [owner, admin, member, outsider] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ]
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: admin.id, role: 'admin' },
      { user: member.id, role: 'member' },
    ])
    const read = await payload.findByID({
      collection: 'organizations',
      id: org.id,
      overrideAccess: false,
      user: asUser(member),
    })
    expect(read.name).toBe('Org')
    await expect(
      payload.findByID({
        collection: 'organizations',
        id: org.id,
        overrideAccess: false,
        user: asUser(outsider),
      }),
    ).rejects.toThrow()
    await expect(
      payload.update({
        collection: 'organizations',
        id: org.id,
        data: { name: 'Mine now' },
        overrideAccess: false,
        user: asUser(member),
      }),
    ).rejects.toThrow()
    const renamed = await payload.update({
      collection: 'organizations',
      id: org.id,
      data: { name: 'Renamed' },
      overrideAccess: false,
      user: asUser(admin),
    })
    expect(renamed.name).toBe('Renamed')
  })

  it('does not let a member manage an organization because someone else is its admin', async () => {
    const payload = await testPayload()
    const [owner, member] = [await makeUser(), await makeUser()]
    // A member row for `member` and an owner row for someone else: the rule must pair user and role.
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: member.id, role: 'member' },
    ])
    await expect(
      payload.update({
        collection: 'organizations',
        id: org.id,
        data: { name: 'Taken' },
        overrideAccess: false,
        user: asUser(member),
      }),
    ).rejects.toThrow()
  })

  it('keeps ownership changes to owners and always leaves an owner', async () => {
    const payload = await testPayload()
    const [owner, admin] = [await makeUser(), await makeUser()]
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: admin.id, role: 'admin' },
    ])
    expect(
      await rejection(
        payload.update({
          collection: 'organizations',
          id: org.id,
          data: {
            members: [
              { user: owner.id, role: 'owner' },
              { user: admin.id, role: 'owner' },
            ],
          },
          overrideAccess: false,
          user: asUser(admin),
        }),
      ),
    ).toBe('members: Only an owner can add or remove owners.')
    expect(
      await rejection(
        payload.update({
          collection: 'organizations',
          id: org.id,
          data: {
            members: [
              { user: owner.id, role: 'member' },
              { user: admin.id, role: 'admin' },
            ],
          },
          overrideAccess: false,
          user: asUser(owner),
        }),
      ),
    ).toBe('members: An organization needs at least one owner.')
  })

  it('lets nobody put a stranger into an organization, on create or on edit', async () => {
    const payload = await testPayload()
    const [attacker, victim, staff] = [
      await makeUser(),
      await makeUser(),
      await makeUser(['staff']),
    ]
    expect(
      await rejection(
        payload.create({
          collection: 'organizations',
          data: {
            name: 'Trap',
            slug: unique('trap').toLowerCase(),
            members: [{ user: victim.id, role: 'owner' }],
          },
          overrideAccess: false,
          user: asUser(attacker),
        }),
      ),
    ).toMatch(/^members: Members join by accepting an invitation/)
    const org = await orgWith([{ user: attacker.id, role: 'owner' }])
    expect(
      await rejection(
        payload.update({
          collection: 'organizations',
          id: org.id,
          data: {
            members: [
              { user: attacker.id, role: 'owner' },
              { user: victim.id, role: 'member' },
            ],
          },
          overrideAccess: false,
          user: asUser(attacker),
        }),
      ),
    ).toMatch(/^members: Members join by accepting an invitation/)
    // Staff may, in /admin.
    const added = await payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: [
          { user: attacker.id, role: 'owner' },
          { user: victim.id, role: 'member' },
        ],
      },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(added.members).toHaveLength(2)
  })

  it('lets any member leave, except the last owner', async () => {
    const payload = await testPayload()
    const [owner, member] = [await makeUser(), await makeUser()]
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: member.id, role: 'member' },
    ])
    const reqOf = (user: User) => createLocalReq({ user: asUser(user) as never }, payload)
    expect(await leaveOrganization(await reqOf(member), org.id)).toBe('Org')
    const after = await payload.findByID({ collection: 'organizations', id: org.id, depth: 0 })
    expect(after.members.map((m) => m.user)).toEqual([owner.id])
    expect(await rejection(leaveOrganization(await reqOf(owner), org.id))).toMatch(/only owner/)
    expect(await rejection(leaveOrganization(await reqOf(member), org.id))).toBe('Not Found')
  })

  it('takes a deleted account out of its organizations, but never deletes a sole owner', async () => {
    const payload = await testPayload()
    const [owner, member] = [await makeUser(), await makeUser()]
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: member.id, role: 'member' },
    ])
    await payload.delete({ collection: 'users', id: member.id, overrideAccess: true })
    const after = await payload.findByID({ collection: 'organizations', id: org.id, depth: 0 })
    expect(after.members.map((m) => m.user)).toEqual([owner.id])
    expect(
      await rejection(payload.delete({ collection: 'users', id: owner.id, overrideAccess: true })),
    ).toMatch(/only owner of “Org”/)
  })

  it('shows invitations only to the organization’s managers', async () => {
    const payload = await testPayload()
    const [owner, member] = [await makeUser(), await makeUser()]
    const org = await orgWith([
      { user: owner.id, role: 'owner' },
      { user: member.id, role: 'member' },
    ])
    await expect(
      payload.create({
        collection: 'organization-invitations',
        data: { organization: org.id, email: 'friend@example.test', role: 'member' },
        overrideAccess: false,
        user: asUser(member),
      }),
    ).rejects.toThrow()
    const invitation = await payload.create({
      collection: 'organization-invitations',
      data: { organization: org.id, email: 'Friend@Example.test', role: 'member' },
      overrideAccess: false,
      user: asUser(owner),
    })
    expect(invitation.email).toBe('friend@example.test')
    expect((invitation as { tokenHash?: string }).tokenHash).toBeUndefined()
    expect(
      await rejection(
        payload.find({
          collection: 'organization-invitations',
          overrideAccess: false,
          user: asUser(member),
        }),
      ),
    ).toBe('You are not allowed to perform this action.')
    const asOwner = await payload.find({
      collection: 'organization-invitations',
      overrideAccess: false,
      user: asUser(owner),
    })
    expect(asOwner.docs.map((d) => d.id)).toContain(invitation.id)
  })
})
