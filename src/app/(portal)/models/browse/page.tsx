import ModelsPage from '../page'

export const dynamic = 'force-dynamic'

export const metadata = { title: 'Browse models' }

export default ModelsPage
