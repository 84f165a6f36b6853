// An independent verifier for the credential tests: Digital Credentials
// Consortium's @digitalcredentials/vc with the eddsa-rdfc-2022 cryptosuite
// and Bitstring Status List checking, as a wallet or an employer's verifier
// runs them. Reads {credential, did_document, status_lists} on stdin and
// prints the verifier's result. did:web resolves over HTTPS only, so the
// issuer's DID document (read from the site's /.well-known/did.json) and
// the status lists come in with the credential; all the checking is the
// library's.
import { readFileSync } from "node:fs";
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import { cryptosuite } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import { verifyCredential } from "@digitalcredentials/vc";
import { checkStatus } from "@digitalcredentials/vc-bitstring-status-list";

const input = JSON.parse(readFileSync(0, "utf8"));
const didDocument = input.did_document;
const statusLists = input.status_lists || {};
const contexts = securityLoader().build();

async function documentLoader(url) {
  const [did] = url.split("#");
  if (did === didDocument.id) {
    if (url === did) {
      return { contextUrl: null, documentUrl: url, document: didDocument };
    }
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    if (!method) throw new Error(`NotFoundError: ${url}`);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { "@context": didDocument["@context"], ...method },
    };
  }
  if (statusLists[url]) {
    return { contextUrl: null, documentUrl: url, document: statusLists[url] };
  }
  return contexts(url);
}

const suite = new DataIntegrityProof({ cryptosuite });
let result;
try {
  result = await verifyCredential({
    credential: input.credential,
    suite,
    documentLoader,
    checkStatus,
  });
} catch (error) {
  result = { verified: false, error: String(error) };
}
const errors = [];
for (const item of result.results || []) {
  if (item.error) errors.push(String(item.error.message || item.error));
}
if (result.error) errors.push(String(result.error.message || result.error));
// Each status entry and the verifier's verdict on it (false: its bit is
// set in the signed list, that is, revoked).
const statuses = (result.statusResult?.results || []).map((item) => ({
  purpose: item.credentialStatus.statusPurpose,
  verified: item.verified,
}));
process.stdout.write(
  JSON.stringify({ verified: result.verified, log: result.log || [], statuses, errors }),
);
