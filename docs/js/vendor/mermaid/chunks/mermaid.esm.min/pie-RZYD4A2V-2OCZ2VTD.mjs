import{a as e,b as r}from"./chunk-RRFMTAIC.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as PieModule,r as createPieServices};
