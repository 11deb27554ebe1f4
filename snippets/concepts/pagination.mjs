const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// Every volume, two at a time.
const params = new URLSearchParams({ limit: 2 });
let pages = 0;
while (true) {
  const r = await fetch(`${BASE_URL}/volumes?${params}`, { headers });
  if (!r.ok) throw new Error(`list answered ${r.status}`);
  const page = await r.json();
  pages += 1;
  console.log(page.data.map((v) => v.id));
  //> [ 'vol-boot12345', 'vol-data12345' ]
  //> [ 'vol-boot67890', 'vol-scratch01' ]
  if (page.next_cursor === null) break;
  params.set("cursor", page.next_cursor);
}
console.log(pages, "pages");
//> 2 pages

// Out of range: 400, never a silent clamp.
const r = await fetch(`${BASE_URL}/volumes?limit=500`, { headers });
const problem = await r.json();
console.log(r.status, problem.code);
//> 400 validation_error
for (const error of problem.errors) {
  console.log(error.field, error.message);
  //> query.limit input should be less than or equal to 100
}
