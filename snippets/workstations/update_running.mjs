const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// ws-67890 is running: the update is refused and nothing changes.
const url = `${BASE_URL}/workstations/ws-67890`;
const body = JSON.stringify({ machine_type: "highmem-8" });
const refused = await fetch(url, { method: "PATCH", headers: json, body });
console.log(refused.status, (await refused.json()).code);
//> 409 workstation_not_stopped

// Recover: stop it, update it, start it again.
const stopped = await fetch(`${url}/stop`, { method: "POST", headers });
if (!stopped.ok) throw new Error(`stop answered ${stopped.status}`);
const updated = await fetch(url, { method: "PATCH", headers: json, body });
console.log(updated.status, (await updated.json()).machine_type);
//> 200 highmem-8
const started = await fetch(`${url}/start`, { method: "POST", headers });
console.log(started.status, (await started.json()).status);
//> 200 running
