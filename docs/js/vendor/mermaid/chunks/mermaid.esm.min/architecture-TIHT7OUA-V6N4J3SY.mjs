import{a as e,b as r}from"./chunk-OIYT25JQ.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as ArchitectureModule,r as createArchitectureServices};
