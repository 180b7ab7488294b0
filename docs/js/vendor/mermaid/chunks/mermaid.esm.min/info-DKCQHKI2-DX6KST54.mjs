import{a as o,b as e}from"./chunk-4RFN2BYJ.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{o as InfoModule,e as createInfoServices};
