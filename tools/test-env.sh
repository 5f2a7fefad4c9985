# The test profile's settings, shared by `npm test` and `npm run openapi:update`.
export INFRA_PROFILE=test
export JWT_SECRET="${JWT_SECRET:-test-secret-0123456789abcdef}"
# Personal-data keys (customer-svc, claims-svc) for the test run (32 bytes each, base64); never used outside tests.
export CUSTOMER_MASTER_KEY="${CUSTOMER_MASTER_KEY:-dGVzdC1tYXN0ZXIta2V5LTAxMjM0NTY3ODlhYmNkZWY=}"
export CLAIMS_DATA_KEY="${CLAIMS_DATA_KEY:-dGVzdC1jbGFpbXMtZGF0YS1rZXktMDEyMzQ1Njc4OWE=}"
export CUSTOMER_BLIND_INDEX_KEY="${CUSTOMER_BLIND_INDEX_KEY:-dGVzdC1ibGluZC1pbmRleC0wMTIzNDU2Nzg5YWJjZGU=}"
# A refusal whose text asks for a value its throw site did not pass fails the test instead of showing "—".
export I18N_STRICT=1
