import { z } from 'zod'

import { USERNAME_PATTERN } from '@collections/Users/username'

const email = z
  .email('Enter a valid email address, like name@example.com.')
  .max(254)
  .transform((v) => v.toLowerCase())
/** The one password policy, on the pages and on every API (see collections/Users/hooks/policy.ts). */
export const passwordSchema = z
  .string({ error: 'Password must be text.' })
  .min(10, 'Password must be at least 10 characters long.')
  .max(200, 'Password must be at most 200 characters long.')

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    USERNAME_PATTERN,
    'Username must be 3 to 32 lower-case letters, digits or dashes, not starting or ending with a dash.',
  )

export const signupSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(80, 'Name must be at most 80 characters.'),
  username: usernameSchema,
  email,
  password: passwordSchema,
})

export const loginSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.'),
  next: z.string().optional(),
})

export const forgotPasswordSchema = z.object({ email })

export const resetPasswordSchema = z
  .object({
    token: z.string().min(10, 'This reset link is incomplete. Ask for a new one.'),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  })

const link = z.object({
  label: z.string().trim().min(1, 'Give the link a label.').max(40),
  url: z.url({ protocol: /^https?$/, error: 'Link must be a full http(s) URL.' }).max(300),
})

export const profileSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(80, 'Name must be at most 80 characters.'),
  username: usernameSchema,
  bio: z.string().trim().max(500, 'Bio must be at most 500 characters.').default(''),
  links: z.array(link).max(5, 'At most 5 links.'),
})

export const changeEmailSchema = z.object({ email })

const AVATAR_MAX_BYTES = 2 * 1024 * 1024
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']

export const avatarSchema = z.object({
  avatar: z
    .instanceof(File, { message: 'Choose an image to upload.' })
    .refine((file) => file.size > 0, 'Choose an image to upload.')
    .refine(
      (file) => AVATAR_TYPES.includes(file.type),
      'The avatar must be a PNG, JPEG, WebP or GIF image.',
    )
    .refine((file) => file.size <= AVATAR_MAX_BYTES, 'The avatar must be 2 MB or smaller.'),
})
