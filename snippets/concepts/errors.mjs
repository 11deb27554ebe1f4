const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// Branch on the status class and the machine-readable code, never on the text.
const url = `${BASE_URL}/workstations/ws-67890`;
let r = await fetch(url, { method: "DELETE", headers });
if (!r.ok) {
  const problem = await r.json();
  console.log(r.headers.get("Content-Type"));
  //> application/problem+json
  console.log(problem.status, problem.code);
  //> 409 workstation_not_stopped
  if (problem.code === "workstation_not_stopped") {
    const stopped = await fetch(`${url}/stop`, { method: "POST", headers });
    if (!stopped.ok) throw new Error(`stop answered ${stopped.status}`);
    r = await fetch(url, { method: "DELETE", headers });
  }
}
console.log(r.status, (await r.json()).status);
//> 200 deleted
