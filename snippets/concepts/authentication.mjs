const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const token = process.env.CLOUDWS_TOKEN; // in the sandbox, any token starting cws_test_
const url = `${BASE_URL}/workstations/ws-12345`;

let r = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
console.log(r.status);
//> 200

// No token, or one that is not valid: 401, and nothing else is looked at.
r = await fetch(url);
const problem = await r.json();
console.log(r.status, problem.code, r.headers.get("WWW-Authenticate"));
//> 401 unauthorized Bearer realm="cloudws"
r = await fetch(url, { headers: { Authorization: "Bearer not-a-sandbox-token" } });
console.log(r.status, (await r.json()).code);
//> 401 unauthorized
