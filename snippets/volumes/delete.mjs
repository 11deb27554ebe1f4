const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// vol-scratch01 is standalone and detached: it can be deleted.
const url = `${BASE_URL}/volumes/vol-scratch01`;
const r = await fetch(url, { method: "DELETE", headers });
console.log(r.status);
//> 200
console.log(JSON.stringify(await r.json()));
//> {"id":"vol-scratch01","status":"deleted"}
console.log((await fetch(url, { headers })).status);
//> 404
