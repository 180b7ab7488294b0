import{a as e,b as r}from"./chunk-BI6VK774.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as TreemapModule,r as createTreemapServices};
