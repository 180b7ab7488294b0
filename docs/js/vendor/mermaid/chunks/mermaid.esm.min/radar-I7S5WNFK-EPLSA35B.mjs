import{a as r,b as e}from"./chunk-224SPVON.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{r as RadarModule,e as createRadarServices};
