import{a as r,b as o}from"./chunk-EQFTRU2I.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{r as RailroadModule,o as createRailroadServices};
