const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// ws-67890 is running; stop it.
const url = `${BASE_URL}/workstations/ws-67890/stop`;
let r = await fetch(url, { method: "POST", headers });
console.log(r.status, (await r.json()).status);
//> 200 stopped

// Stopping it again changes nothing, and also answers 200.
r = await fetch(url, { method: "POST", headers });
console.log(r.status, (await r.json()).status);
//> 200 stopped
