import { AuditChanges as AuditChanges_fa3603c50454a8654418451010cf0b1b } from '@/components/AuditChanges'
import { HeadersField as HeadersField_9083b251704a7bf8f4f442a3239b2373 } from '@/components/HeadersField'
import { JsonView as JsonView_1a87ff5e21c49cff7bcbb32027b40f10 } from '@/components/JsonView'
import { DeliveryAttempts as DeliveryAttempts_adec1eb0e5d95af3ef6e7e47e1fae87c } from '@/components/DeliveryAttempts'
import { AdminDashboard as AdminDashboard_d2e5e8cdcf265e3c61c4d683161d9698 } from '@/components/AdminDashboard'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@/components/AuditChanges#AuditChanges": AuditChanges_fa3603c50454a8654418451010cf0b1b,
  "@/components/HeadersField#HeadersField": HeadersField_9083b251704a7bf8f4f442a3239b2373,
  "@/components/JsonView#JsonView": JsonView_1a87ff5e21c49cff7bcbb32027b40f10,
  "@/components/DeliveryAttempts#DeliveryAttempts": DeliveryAttempts_adec1eb0e5d95af3ef6e7e47e1fae87c,
  "@/components/AdminDashboard#AdminDashboard": AdminDashboard_d2e5e8cdcf265e3c61c4d683161d9698,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
