'use client'

import { Button } from '@/components/ui/button'

/** Opens the browser's print dialog, which also saves the invoice as a PDF. */
export function PrintButton() {
  return (
    <Button type="button" variant="outline" size="sm" onClick={() => window.print()}>
      Print or save as PDF
    </Button>
  )
}
