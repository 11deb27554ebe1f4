const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const token = process.env.CLOUDWS_TOKEN; // in the sandbox, any token starting cws_test_
const url = `${BASE_URL}/workstations/ws-12345`;

const ok = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
console.log(ok.status);
//> 200

// No token, or one that is not valid: 401, and nothing else is looked at.
const none = await fetch(url);
const problem = await none.json();
console.log(none.status, problem.code, none.headers.get("WWW-Authenticate"));
//> 401 unauthorized Bearer realm="cloudws"
const other = await fetch(url, {
  headers: { Authorization: "Bearer not-a-sandbox-token" },
});
console.log(other.status, (await other.json()).code);
//> 401 unauthorized
