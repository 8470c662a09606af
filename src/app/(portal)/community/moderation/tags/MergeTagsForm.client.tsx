'use client'

import { useActionState, useId, useState } from 'react'

import { FieldMessages, FormMessage } from '@/components/FormFields/index.client'
import { useActionFeedback } from '@/components/Toaster/feedback'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirmDialog'
import { Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { initialFormState } from '@/lib/formState'

import { mergeTagsAction } from './actions'

type TagChoice = { id: number; name: string; usageCount: number }

/** Merge tag A into tag B, after a confirmation naming both (A is deleted). */
export function MergeTagsForm({ tags }: { tags: TagChoice[] }) {
  const [state, formAction, isPending] = useActionState(mergeTagsAction, initialFormState)
  useActionFeedback(state)
  const [open, setOpen] = useState(false)
  const id = useId()
  const [from, setFrom] = useState(String(tags[0]?.id ?? ''))
  const [into, setInto] = useState(String(tags[1]?.id ?? ''))
  const nameOf = (value: string) => tags.find((tag) => String(tag.id) === value)?.name ?? '?'
  const errors = state.errors ?? {}
  return (
    <form
      id={id}
      action={formAction}
      onSubmit={() => setOpen(false)}
      className="space-y-4 rounded-lg border border-border bg-card p-4"
    >
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-from`}>Merge tag</Label>
          <Select
            id={`${id}-from`}
            name="from"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          >
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name} ({tag.usageCount})
              </option>
            ))}
          </Select>
          <FieldMessages error={errors.from} id={`${id}-from`} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-into`}>Into tag</Label>
          <Select
            id={`${id}-into`}
            name="into"
            value={into}
            onChange={(event) => setInto(event.target.value)}
          >
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name} ({tag.usageCount})
              </option>
            ))}
          </Select>
          <FieldMessages error={errors.into} id={`${id}-into`} />
        </div>
      </div>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <Button type="button" variant="danger" disabled={isPending || from === into}>
            {isPending ? 'Merging…' : 'Merge tags'}
          </Button>
        }
        title={`Merge #${nameOf(from)} into #${nameOf(into)}?`}
        description={`Every discussion tagged #${nameOf(from)} gets #${nameOf(into)}, and #${nameOf(from)} is deleted. The moderation log records it.`}
        confirmLabel="Merge"
        isDanger
        formId={id}
      />
    </form>
  )
}
