import sharp from 'sharp'

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A generated screenshot (PNG) for demo and test projects: an app window with a title, a
 * waveform and a few panels in the project's colours. Nothing is downloaded.
 */
export async function generateScreenshot(
  title: string,
  { hue = 210, variant = 0, width = 1280, height = 720 } = {},
): Promise<Buffer> {
  const wave = Array.from({ length: 64 }, (_, i) => {
    const h = 20 + Math.abs(Math.sin((i + variant * 7) / 3.1) * 90 + Math.cos(i / 1.7) * 30)
    return `<rect x="${120 + i * 16}" y="${430 - h / 2}" width="10" height="${h}" rx="3" fill="hsl(${hue} 80% 65%)"/>`
  }).join('')
  const panels = [0, 1, 2]
    .map(
      (i) =>
        `<rect x="${120 + i * 350}" y="540" width="320" height="120" rx="14" fill="hsl(${(hue + 30 * (i + variant)) % 360} 45% 22%)"/>
         <rect x="${145 + i * 350}" y="565" width="${120 + ((i + variant) % 3) * 50}" height="14" rx="7" fill="hsl(${hue} 30% 80%)"/>
         <rect x="${145 + i * 350}" y="595" width="200" height="10" rx="5" fill="hsl(${hue} 20% 55%)"/>`,
    )
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1280 720">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue} 60% 14%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360} 55% 8%)"/>
  </linearGradient></defs>
  <rect width="1280" height="720" fill="url(#g)"/>
  <rect x="60" y="50" width="1160" height="630" rx="22" fill="hsl(${hue} 30% 10%)" stroke="hsl(${hue} 40% 30%)"/>
  <circle cx="100" cy="85" r="9" fill="#ff5f57"/><circle cx="128" cy="85" r="9" fill="#febc2e"/><circle cx="156" cy="85" r="9" fill="#28c840"/>
  <text x="120" y="190" font-family="sans-serif" font-size="56" font-weight="700" fill="#ffffff">${escapeXml(title)}</text>
  <text x="120" y="240" font-family="sans-serif" font-size="26" fill="hsl(${hue} 30% 75%)">Screen ${variant + 1} · built with TuneTrail</text>
  ${wave}${panels}
</svg>`
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
}
