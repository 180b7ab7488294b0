import{a as e,b as o}from"./chunk-SATU7PGQ.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as EventModelingModule,o as createEventModelingServices};
