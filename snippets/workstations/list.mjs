const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// Every workstation, one at a time: follow next_cursor until it is null.
const params = new URLSearchParams({ limit: 1 });
while (true) {
  const r = await fetch(`${BASE_URL}/workstations?${params}`, { headers });
  const page = await r.json();
  console.log(page.data.map((w) => w.id), page.next_cursor);
  //> [ 'ws-12345' ] s4-ZJd-vzYLOhhT9fzjbze_g
  //> [ 'ws-67890' ] null
  if (page.next_cursor === null) break;
  params.set("cursor", page.next_cursor);
}

// Only the running ones.
const r = await fetch(`${BASE_URL}/workstations?status=running`, { headers });
console.log((await r.json()).data.map((w) => w.id));
//> [ 'ws-67890' ]
