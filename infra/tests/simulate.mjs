// Evaluates IAM requests with @cloud-copilot/iam-simulate (infra/package.json): a JSON array of
// {principal, action, resource, account, context, policies: [{name, policy}]} on stdin, one
// {result, errors} per request on stdout; result is Allowed, ImplicitlyDenied or ExplicitlyDenied.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const answers = []
for (const request of requests) {
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.account },
      contextVariables: request.context,
    },
    identityPolicies: request.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }
  const outcome = await runSimulation(simulation, { simulationMode: 'Strict' })
  answers.push(
    outcome.resultType === 'error'
      ? { result: 'Error', errors: outcome.errors }
      : { result: outcome.overallResult, ignoredContextKeys: outcome.result?.ignoredContextKeys ?? [] },
  )
}
process.stdout.write(JSON.stringify(answers))
