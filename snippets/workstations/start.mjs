const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// ws-12345 is stopped; start it.
const url = `${BASE_URL}/workstations/ws-12345/start`;
const first = await fetch(url, { method: "POST", headers });
console.log(first.status, (await first.json()).status);
//> 200 running

// Starting it again changes nothing, and also answers 200.
const again = await fetch(url, { method: "POST", headers });
console.log(again.status, (await again.json()).status);
//> 200 running
