import { httpRequest } from '@insurer/platform-testing';
import { compare, measure } from '../measure';
import { ok, pidOf, type Bench } from '../context';

/** Reads by id against a bare Fastify + pg route reading the same row. */
export async function reads(b: Bench): Promise<void> {
  const { stories, token, bareUrl, barePid, urls, quiet, results } = b;
  results.bareMemory = await measure('bare Fastify, JSON from memory', () =>
    httpRequest(`${bareUrl}/bare/memory`).then(ok),
  );
  const policyIds = stories.map((s) => s.policyId);
  const claimIds = stories.map((s) => s.claimId);
  // Workloads on the platform.
  const underwriter = token('underwriter', 'bench');
  const handler = token('claims_handler', 'bench');
  const policyReads = await compare(
    { bare: 'bare Fastify + pg, policy by id', platform: 'GET /policies/{id}' },
    (i) => httpRequest(`${bareUrl}/bare/policies/${policyIds[i % policyIds.length]}`).then(ok),
    (i) =>
      httpRequest(`${urls.contract}/policies/${policyIds[i % policyIds.length]}`, {
        headers: { authorization: `Bearer ${underwriter}` },
      }).then(ok),
    quiet,
    { bare: barePid, platform: pidOf(b, 'contract-svc') },
  );
  results.barePolicyRead = policyReads.bare;
  results.policyRead = policyReads.platform;
  const claimReads = await compare(
    { bare: 'bare Fastify + pg, claim by id', platform: 'GET /claims/{id}' },
    (i) => httpRequest(`${bareUrl}/bare/claims/${claimIds[i % claimIds.length]}`).then(ok),
    (i) =>
      httpRequest(`${urls.claims}/claims/${claimIds[i % claimIds.length]}`, {
        headers: { authorization: `Bearer ${handler}` },
      }).then(ok),
    quiet,
    { bare: barePid, platform: pidOf(b, 'claims-svc') },
  );
  results.bareClaimRead = claimReads.bare;
  results.claimRead = claimReads.platform;
}
