/**
 * The development defaults that `npm start`, the tests and the demo share. Never used in production: a deployment
 * sets JWT_PUBLIC_KEY (or its own JWT_SECRET) and the service refuses to start without one.
 */
export const LOCAL_JWT_SECRET = 'local-development-secret-not-for-production';

/**
 * Development keys for personal-data encryption in customer-svc and claims-svc (32 bytes each, base64). A deployment takes its own from
 * a secret store; data encrypted under these is readable by anyone with this repository.
 */
export const LOCAL_DATA_KEYS = {
  CUSTOMER_MASTER_KEY: 'bG9jYWwtbWFzdGVyLWtleS1ub3QtcHJvZHVjdGlvbiE=',
  CUSTOMER_BLIND_INDEX_KEY: 'bG9jYWwtYmxpbmQtaW5kZXgta2V5LW5vdC1wcm9kISE=',
  /** claims-svc's key for payees' bank accounts. */
  CLAIMS_DATA_KEY: 'bG9jYWwtY2xhaW1zLWRhdGEta2V5LW5vdC1wcm9kISE=',
};

/** Each variable a service needs whose local default lives here, unless the caller set it. */
export function withLocalSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? LOCAL_JWT_SECRET,
    CUSTOMER_MASTER_KEY: env.CUSTOMER_MASTER_KEY ?? LOCAL_DATA_KEYS.CUSTOMER_MASTER_KEY,
    CUSTOMER_BLIND_INDEX_KEY: env.CUSTOMER_BLIND_INDEX_KEY ?? LOCAL_DATA_KEYS.CUSTOMER_BLIND_INDEX_KEY,
    CLAIMS_DATA_KEY: env.CLAIMS_DATA_KEY ?? LOCAL_DATA_KEYS.CLAIMS_DATA_KEY,
  };
}

export const SERVICES = [
  { name: 'customer-svc', port: 3001 },
  { name: 'sales-svc', port: 3002 },
  { name: 'contract-svc', port: 3003 },
  { name: 'claims-svc', port: 3004 },
  { name: 'compliance-svc', port: 3005 },
  { name: 'analytics-svc', port: 3006 },
] as const;
