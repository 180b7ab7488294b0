import{a as e,b as r}from"./chunk-HNC4WDU7.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as CynefinModule,r as createCynefinServices};
