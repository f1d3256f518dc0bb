-- DropForeignKey
ALTER TABLE "WorkOrderOperation" DROP CONSTRAINT "WorkOrderOperation_workOrderId_fkey";
-- DropForeignKey
ALTER TABLE "WorkOrderOperation" DROP CONSTRAINT "WorkOrderOperation_workCenterId_fkey";
-- DropIndex
DROP INDEX "WorkOrder_number_key";
-- AlterTable
ALTER TABLE "WorkCenter" DROP COLUMN "capacityMinutes",
ADD COLUMN     "closeMinute" INTEGER NOT NULL DEFAULT 1320,
ADD COLUMN     "controllerUrl" TEXT,
ADD COLUMN     "holidays" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "labourPerHourCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "openMinute" INTEGER NOT NULL DEFAULT 360,
ADD COLUMN     "slots" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
ADD COLUMN     "workdays" TEXT NOT NULL DEFAULT '1,2,3,4,5';
-- AlterTable
ALTER TABLE "RoutingStep" ADD COLUMN     "alternativeWorkCenterId" INTEGER;
-- AlterTable
ALTER TABLE "WorkOrder" DROP COLUMN "createdAt",
DROP COLUMN "number",
DROP COLUMN "productSku",
DROP COLUMN "quantity",
DROP COLUMN "sourceRef",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastHeartbeatAt" TIMESTAMP(3),
ADD COLUMN     "minutesActual" INTEGER,
ADD COLUMN     "minutesPlanned" INTEGER NOT NULL,
ADD COLUMN     "moId" INTEGER NOT NULL,
ADD COLUMN     "name" TEXT NOT NULL,
ADD COLUMN     "progress" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sequence" INTEGER NOT NULL,
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "workCenterId" INTEGER NOT NULL;
-- DropTable
DROP TABLE "WorkOrderOperation";
-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL,
    "next" INTEGER NOT NULL,
    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("name")
);
-- CreateTable
CREATE TABLE "ManufacturingOrder" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "productSku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "bomId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "parentType" TEXT NOT NULL,
    "parentRef" TEXT,
    "requestedBy" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3),
    "plannedStart" TIMESTAMP(3),
    "plannedEnd" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "materialCostCents" BIGINT NOT NULL DEFAULT 0,
    "machineCostCents" BIGINT NOT NULL DEFAULT 0,
    "labourCostCents" BIGINT NOT NULL DEFAULT 0,
    "lossCents" BIGINT NOT NULL DEFAULT 0,
    "statusNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ManufacturingOrder_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "MaterialReservation" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "moId" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaterialReservation_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "ManufacturingOrder_number_key" ON "ManufacturingOrder"("number");
-- CreateIndex
CREATE UNIQUE INDEX "ManufacturingOrder_key_key" ON "ManufacturingOrder"("key");
-- CreateIndex
CREATE INDEX "ManufacturingOrder_status_idx" ON "ManufacturingOrder"("status");
-- CreateIndex
CREATE INDEX "ManufacturingOrder_parentRef_idx" ON "ManufacturingOrder"("parentRef");
-- CreateIndex
CREATE UNIQUE INDEX "MaterialReservation_key_key" ON "MaterialReservation"("key");
-- CreateIndex
CREATE INDEX "MaterialReservation_moId_idx" ON "MaterialReservation"("moId");
-- CreateIndex
CREATE INDEX "MaterialReservation_sku_status_idx" ON "MaterialReservation"("sku", "status");
-- CreateIndex
CREATE INDEX "WorkOrder_workCenterId_status_idx" ON "WorkOrder"("workCenterId", "status");
-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_moId_sequence_key" ON "WorkOrder"("moId", "sequence");
-- CreateIndex
CREATE INDEX "ProductionStockMove_reference_idx" ON "ProductionStockMove"("reference");
-- AddForeignKey
ALTER TABLE "RoutingStep" ADD CONSTRAINT "RoutingStep_alternativeWorkCenterId_fkey" FOREIGN KEY ("alternativeWorkCenterId") REFERENCES "WorkCenter"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_moId_fkey" FOREIGN KEY ("moId") REFERENCES "ManufacturingOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "MaterialReservation" ADD CONSTRAINT "MaterialReservation_moId_fkey" FOREIGN KEY ("moId") REFERENCES "ManufacturingOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
