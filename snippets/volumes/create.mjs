const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = {
  Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}`,
  "Content-Type": "application/json",
};

const r = await fetch(`${BASE_URL}/volumes`, {
  method: "POST",
  headers,
  body: JSON.stringify({ size_gb: 250 }),
});
const volume = await r.json();
console.log(r.status, r.headers.get("Location"));
//> 201 /v1/volumes/vol-zuajavqg
console.log(volume.standalone, volume.attached_to);
//> true null
