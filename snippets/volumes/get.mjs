const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

const r = await fetch(`${BASE_URL}/volumes/vol-data12345`, { headers });
const volume = await r.json();
console.log(r.status, volume.size_gb, volume.standalone, volume.attached_to);
//> 200 200 true ws-12345
