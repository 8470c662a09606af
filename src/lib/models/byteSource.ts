import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * Random-access bytes: a file on disk (read in 1 MiB windows, so a scan of a multi-gigabyte file
 * holds little in memory) or a Buffer (tests, inflated zip entries).
 */
export type ByteSource = {
  size: number
  /** Exactly `length` bytes at `offset` (fewer only at the end). */
  read: (offset: number, length: number) => Buffer
  close: () => void
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    close: () => undefined,
  }
}

const WINDOW = 1024 * 1024

export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r')
  const size = fstatSync(fd).size
  let windowStart = -1
  let window = Buffer.alloc(0)
  return {
    size,
    read: (offset, length) => {
      const end = Math.min(size, offset + length)
      if (offset >= windowStart && end <= windowStart + window.length) {
        return window.subarray(offset - windowStart, end - windowStart)
      }
      if (end - offset > WINDOW) {
        const out = Buffer.alloc(end - offset)
        readSync(fd, out, 0, out.length, offset)
        return out
      }
      window = Buffer.alloc(Math.min(WINDOW, size - offset))
      const got = readSync(fd, window, 0, window.length, offset)
      window = window.subarray(0, got)
      windowStart = offset
      return window.subarray(0, Math.min(got, end - offset))
    },
    close: () => closeSync(fd),
  }
}

export type Cursor = ReturnType<typeof cursor>

/** A cursor over a source, for formats read front to back (throws RangeError when truncated). */
export function cursor(source: ByteSource, start = 0, end = source.size) {
  let position = start
  const bytes = (length: number): Buffer => {
    if (length < 0 || position + length > end) throw new RangeError('truncated')
    const out = source.read(position, length)
    if (out.length !== length) throw new RangeError('truncated')
    position += length
    return out
  }
  return {
    get position() {
      return position
    },
    get isAtEnd() {
      return position >= end
    },
    bytes,
    skip(length: number) {
      if (length < 0 || position + length > end) throw new RangeError('truncated')
      position += length
    },
    byte: () => bytes(1)[0],
    /** Up to and without the next `\n` (pickle's text arguments); at most `max` bytes. */
    line(max = 4096): string {
      const from = position
      for (;;) {
        if (position >= end) throw new RangeError('truncated')
        // Not RangeError: the data goes on, the reader only refuses to follow it further.
        if (position - from > max) throw new Error(`a text argument longer than ${max} bytes`)
        if (bytes(1)[0] === 0x0a) break
      }
      return source.read(from, position - from - 1).toString('latin1')
    },
  }
}
