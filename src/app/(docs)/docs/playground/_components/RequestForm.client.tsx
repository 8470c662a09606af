'use client'

import { useId, type FormEvent } from 'react'

import { Button } from '@/components/ui/button'
import { Input, Textarea } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import type { Parameter, PlaygroundOperation } from '@/lib/docs/playground/operations'
import type { RequestInputs } from '@/lib/docs/playground/request'
import type { FieldError } from '@/lib/docs/playground/validate'

type Props = {
  operation: PlaygroundOperation
  inputs: RequestInputs
  onChange: (inputs: RequestInputs) => void
  /** Problems of the inputs as they stand. */
  errors: FieldError[]
  /** True once the reader has edited the inputs or tried to send them. */
  showErrors: boolean
  onSend: () => void
  onDryRun: () => void
  isBusy: boolean
  /** Why sending or a dry run is not possible, if it is not. */
  sendBlocked?: string
  dryRunBlocked?: string
}

/** `body.url` → "Body field url", `path.id` → "Path parameter id". */
export const fieldLabel = (field: string) => {
  const [where, ...rest] = field.split('.')
  const name = rest.join('.')
  if (where === 'body') return name ? `Body field “${name}”` : 'Body'
  if (where === 'path') return `Path parameter “${name}”`
  if (where === 'query') return `Query parameter “${name}”`
  return field
}

function ParameterInput({
  parameter,
  value,
  onChange,
  error,
}: {
  parameter: Parameter
  value: string
  onChange: (value: string) => void
  error?: FieldError
}) {
  const id = useId()
  const hintId = useId()
  const type = Array.isArray(parameter.schema.type)
    ? parameter.schema.type.join(' or ')
    : String(parameter.schema.type ?? 'string')
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="font-mono">
        {parameter.name}
        {parameter.required && <span className="font-sans text-danger"> (required)</span>}
      </Label>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
        placeholder={parameter.isObject ? '{"field": {"equals": "value"}}' : undefined}
      />
      <p id={hintId} className="text-xs text-muted-foreground">
        {parameter.isObject ? 'JSON object' : type}
        {parameter.description ? `: ${parameter.description}` : ''}
      </p>
    </div>
  )
}

/** Parameters, the JSON body (checked against the operation's schema) and the two actions. */
export function RequestForm(props: Props) {
  const { operation, inputs, onChange, errors, showErrors } = props
  const bodyId = useId()
  const bodyHintId = useId()
  const errorsId = useId()
  const pathParameters = operation.parameters.filter((p) => p.in === 'path')
  const queryParameters = operation.parameters.filter((p) => p.in === 'query')
  const errorOf = (field: string) =>
    showErrors ? errors.find((error) => error.field === field) : undefined
  const bodyErrors = showErrors ? errors.filter((error) => error.field.startsWith('body')) : []

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onSend()
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {[
        ['Path parameters', pathParameters, 'path'] as const,
        ['Query parameters', queryParameters, 'query'] as const,
      ].map(
        ([legend, list, where]) =>
          list.length > 0 && (
            <fieldset key={where} className="space-y-3">
              <legend className="mb-2 text-sm font-semibold">{legend}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                {list.map((parameter) => (
                  <ParameterInput
                    key={parameter.name}
                    parameter={parameter}
                    value={inputs[where][parameter.name] ?? ''}
                    error={errorOf(`${where}.${parameter.name}`)}
                    onChange={(value) =>
                      onChange({
                        ...inputs,
                        [where]: { ...inputs[where], [parameter.name]: value },
                      })
                    }
                  />
                ))}
              </div>
            </fieldset>
          ),
      )}
      {operation.body && (
        <div className="space-y-1">
          <Label htmlFor={bodyId}>
            Request body (JSON)
            {operation.body.required && <span className="text-danger"> (required)</span>}
          </Label>
          <Textarea
            id={bodyId}
            value={inputs.body}
            onChange={(event) => onChange({ ...inputs, body: event.target.value })}
            rows={10}
            spellCheck={false}
            aria-invalid={bodyErrors.length > 0 ? true : undefined}
            aria-describedby={`${bodyHintId}${bodyErrors.length > 0 ? ` ${errorsId}` : ''}`}
            className="font-mono text-xs"
          />
          <p id={bodyHintId} className="text-xs text-muted-foreground">
            Checked against the operation’s request schema as you type.
          </p>
        </div>
      )}
      {operation.hasOtherBody && (
        <p className="text-sm text-muted-foreground">
          This operation takes a file upload, which the playground cannot build. Use the cURL below
          as a start.
        </p>
      )}
      <div id={errorsId} aria-live="polite">
        {errors.length > 0 && showErrors && (
          <div className="rounded-md border border-danger bg-danger-soft p-3 text-sm text-danger">
            <p className="font-semibold">
              {errors.length === 1 ? 'One problem to fix' : `${errors.length} problems to fix`}{' '}
              before sending:
            </p>
            <ul className="mt-1 list-disc pl-5" data-testid="request-problems">
              {errors.map((error) => (
                <li key={`${error.field} ${error.message}`}>
                  {fieldLabel(error.field)} {error.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          disabled={props.isBusy || Boolean(props.sendBlocked)}
          aria-describedby={props.sendBlocked ? `${errorsId}-send` : undefined}
        >
          Send request
        </Button>
        <Button
          type="button"
          variant="outline"
          onClick={props.onDryRun}
          disabled={props.isBusy || Boolean(props.dryRunBlocked)}
          aria-describedby={props.dryRunBlocked ? `${errorsId}-dry` : undefined}
        >
          Dry run
        </Button>
        {props.sendBlocked && (
          <p id={`${errorsId}-send`} className="text-xs text-muted-foreground">
            {props.sendBlocked}
          </p>
        )}
        {props.dryRunBlocked && (
          <p id={`${errorsId}-dry`} className="text-xs text-muted-foreground">
            {props.dryRunBlocked}
          </p>
        )}
      </div>
    </form>
  )
}
